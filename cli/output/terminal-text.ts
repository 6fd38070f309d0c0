// Escape sequences (CSI `ESC [`, OSC `ESC ]` to BEL or ST, and two-character ones), then the other control characters
// (C0 but tab and newline, DEL, C1), as JavaScript regular expressions; built from code points so the source stays printable.
const ESCAPES = new RegExp(String.raw`\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])`, "g");
const CONTROLS = new RegExp(String.raw`[\u0000-\u0008\u000b-\u001f\u007f-\u009f]`, "g");

/**
 * Text from a model, a tool or a web page made safe to print on a terminal: escape sequences and
 * control characters are removed, so the text cannot move the cursor over earlier lines (faking an
 * answer), set the window title or write the clipboard (OSC 52). Tabs and newlines stay.
 */
export function terminalText(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}
