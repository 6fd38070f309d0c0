// The viewer's only script, inlined in every page (allowed by its hash in the page's
// Content-Security-Policy). It links steps and regions, opens produced images full size, and in
// `interleaf view --serve` reloads the page when the thread changes. It never builds markup from
// data: the page is rendered and escaped on the server side.
/* global document, window, EventSource, location, sessionStorage, history */
(() => {
  "use strict";
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const ofStep = (n) => all(`[data-step="${n}"]`);
  let selected = null;

  function select(n, scroll) {
    for (const el of all(".selected")) el.classList.remove("selected");
    if (n === null || n === selected) {
      selected = null;
      return;
    }
    selected = n;
    for (const el of ofStep(n)) el.classList.add("selected");
    const step = document.getElementById(`step-${n}`);
    if (scroll && step) step.scrollIntoView({ block: "nearest" });
    history.replaceState(null, "", `#step-${n}`);
  }

  for (const step of all("li.step")) {
    const n = step.dataset.step;
    step.addEventListener("click", (event) => {
      if (event.target.closest("a, button, summary, pre, dialog")) return;
      select(n, false);
    });
    step.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === step) select(n, false);
    });
  }

  for (const region of all(".overlay .region, .plan-node[data-step]")) {
    const n = region.dataset.step;
    region.addEventListener("mouseenter", () => ofStep(n).forEach((el) => el.classList.add("hovered")));
    region.addEventListener("mouseleave", () => ofStep(n).forEach((el) => el.classList.remove("hovered")));
    region.addEventListener("click", () => select(n, true));
  }

  const dialog = document.getElementById("image-dialog");
  if (dialog) {
    const full = dialog.querySelector("img");
    const caption = dialog.querySelector("figcaption");
    for (const thumb of all("button.thumb")) {
      thumb.addEventListener("click", () => {
        full.src = thumb.dataset.full;
        full.alt = thumb.dataset.caption;
        caption.textContent = thumb.dataset.caption;
        dialog.showModal();
      });
    }
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog || event.target.closest("button.close")) dialog.close();
    });
  }

  const hash = /^#step-(\d+)$/.exec(location.hash);
  if (hash) select(hash[1], true);

  const events = document.body.dataset.events;
  if (events) {
    const scroll = sessionStorage.getItem("interleaf-scroll");
    if (scroll !== null) {
      window.scrollTo(0, Number(scroll));
      sessionStorage.removeItem("interleaf-scroll");
    }
    const source = new EventSource(events);
    source.addEventListener("update", () => {
      sessionStorage.setItem("interleaf-scroll", String(window.scrollY));
      source.close();
      location.reload();
    });
  }
})();
