/**
 * The turns the demo's scripted model plays, in R1V4's text protocol. They were written for the
 * bundled photo (1500×1000): every tool call in them runs for real.
 */
export const DEMO_QUESTION = "What kind of drink can we buy from that vending machine?";

/** Raw assistant turns, one per model call. */
export const DEMO_TURNS: readonly string[] = [
  `<think>The photo shows a large white building with a forecourt. A vending machine would be small at this resolution; there is something red next to the entrance, left of the centre, around x 770–850, y 740–830. I will zoom in there to see it clearly.</think>
<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [770, 740, 850, 830], "label": "red vending machine"}}</tool_call>`,
  `<think>The zoomed region shows two red machines with a white script logo that reads "Coca-Cola", one with a bottle on its door and one with glasses of cola. To be sure where this is, I will search for the photo itself.</think>
<tool_call>{"name": "image_search", "arguments": {"image_paths": ["original image"]}}</tool_call>`,
  `<think>The image search says this is the Palace of Sports in Minsk. Now I need to know what Coca-Cola machines sell.</think>
<tool_call>{"name": "text_search", "arguments": {"queries": ["Coca-Cola vending machine drinks sold"]}}</tool_call>`,
  `<think>The zoomed crop shows Coca-Cola branded machines by the entrance of the Palace of Sports, and the search result says such machines sell the company's soft drinks: Coca-Cola, Fanta, Sprite and often water and juices.</think>
<answer>Soft drinks from Coca-Cola: the two red machines by the entrance are Coca-Cola vending machines (Coca-Cola, and usually Fanta, Sprite and bottled water).</answer>`,
];
