import type { ToolCallRecord } from "../state/trajectory.js";
import { highlightPython } from "./highlight-python.js";
import { externalLink, html, type Html } from "./html.js";
import { renderThumbnail } from "./render-image.js";
import type { ViewImageUrls } from "./view-images.js";

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose => (value && typeof value === "object" && !Array.isArray(value) ? (value as Loose) : {});
const asList = (value: unknown): Loose[] => (Array.isArray(value) ? value.map(asObject) : []);
const asText = (value: unknown): string => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));

/**
 * One tool call: its name, timing and arguments, then what came back, shown by kind: code with
 * highlighting and its output, search results as cards, web visits with their pages, anything
 * else as its observation text; produced images as thumbnails.
 */
export async function renderCall(call: ToolCallRecord, labels: ReadonlyMap<string, string>, urls: ViewImageUrls): Promise<Html> {
  const { observation } = call;
  const thumbs = await Promise.all(observation.images.map((ref) => renderThumbnail(ref, labels.get(ref.id) ?? ref.id.slice(0, 12), urls)));
  const code = asText(asObject(call.arguments)["code"]);
  const body = code ? renderCode(code, call) : call.name === "text_search" ? renderTextSearch(call) : call.name === "image_search" ? renderImageSearch(call) : call.name === "web_visit" ? renderVisit(call) : renderGeneric(call);
  return html`<section class="call${observation.error ? " failed" : ""}" data-call="${call.id}">
  <header><span class="tool">${call.name}</span> <span class="muted">${Math.round(call.durationMs)} ms</span>${observation.error ? html` <span class="badge error">${observation.error.code}</span>` : null}</header>
  ${body}
  ${thumbs.length ? html`<div class="thumbs">${thumbs}</div>` : null}
</section>`;
}

function argumentsInline(args: unknown): Html {
  return html`<pre class="arguments">${JSON.stringify(args) ?? ""}</pre>`;
}

function observationText(call: ToolCallRecord, label = "observation"): Html {
  return html`<div class="observation"><div class="muted">${label}</div><pre>${call.observation.text}</pre></div>`;
}

function renderGeneric(call: ToolCallRecord): Html {
  return html`${argumentsInline(call.arguments)}${observationText(call)}`;
}

function renderCode(code: string, call: ToolCallRecord): Html {
  const data = asObject(call.observation.data);
  const status = asText(data["status"]);
  return html`<pre class="code"><code>${highlightPython(code)}</code></pre>
  ${status ? html`<div class="muted">status ${status}${data["exitCode"] !== undefined ? ` · exit ${asText(data["exitCode"])}` : ""}</div>` : null}
  ${observationText(call, "output (stdout, stderr)")}`;
}

function renderTextSearch(call: ToolCallRecord): Html {
  const queries = asList(asObject(call.observation.data)["queries"]);
  if (queries.length === 0) return renderGeneric(call);
  return html`${queries.map((q) => html`<div class="query"><div class="muted">search: ${asText(q["query"])}</div>
  ${q["error"] ? html`<div class="badge error">${asText(q["error"])}</div>` : null}
  <div class="cards">${asList(q["results"]).map((r) => html`<article class="card">
    <h4>${externalLink(r["url"], asText(r["title"]) || asText(r["url"]))}</h4>
    <div class="url">${asText(r["url"])}</div>
    <p>${asText(r["snippet"])}</p>
  </article>`)}</div>
  ${asList(q["images"]).length ? html`<div class="muted">images: ${asList(q["images"]).map((i) => html`${externalLink(i["url"] ?? i["image"], asText(i["title"]) || "image")} `)}</div>` : null}
</div>`)}`;
}

function renderImageSearch(call: ToolCallRecord): Html {
  const images = asList(asObject(call.observation.data)["images"]);
  if (images.length === 0) return renderGeneric(call);
  return html`${images.map((entry) => html`<div class="query"><div class="muted">image search: ${asText(entry["image"])}</div>
  ${entry["error"] ? html`<div class="badge error">${asText(entry["error"])}</div>` : null}
  <div class="cards">${asList(entry["results"]).map((r) => html`<article class="card">
    <h4>${externalLink(r["link"], asText(r["title"]) || asText(r["link"]))}</h4>
    <div class="url">${asText(r["link"])}</div>
    <p class="muted">image: ${externalLink(r["image"], asText(r["image"]))}${typeof r["score"] === "number" ? ` · similarity ${(r["score"] as number).toFixed(2)}` : ""}</p>
  </article>`)}</div>
</div>`)}`;
}

function renderVisit(call: ToolCallRecord): Html {
  const pages = asList(asObject(call.observation.data)["pages"]);
  const goal = asText(asObject(call.arguments)["goal"]);
  return html`${goal ? html`<div class="muted">goal: ${goal}</div>` : null}
  <div class="cards">${pages.map((p) => html`<article class="card">
    <h4>${externalLink(p["url"], asText(p["title"]) || asText(p["url"]))}</h4>
    <div class="url">${asText(p["url"])}</div>
    ${p["error"] ? html`<div class="badge error">${asText(p["error"])}</div>` : html`<p class="muted">${asText(p["chars"])} characters${p["summarised"] ? ", summarised" : ""}</p>`}
  </article>`)}</div>
  ${pages.length ? null : argumentsInline(call.arguments)}
  ${observationText(call, "what the model read")}`;
}
