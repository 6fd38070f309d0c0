/**
 * The multiple-choice prompt of VLMEvalKit's `ImageMCQDataset.build_prompt`
 * (open-compass/VLMEvalKit@e8e78f05f3080fe28154f2130321f17951c3be94, vlmeval/dataset/image_mcq.py),
 * reproduced verbatim: optional hint, question, the options by letter, and the instruction.
 */
export function mcqPrompt(question: string, options: Readonly<Record<string, string>>, hint?: string): string {
  let prompt = "";
  if (hint !== undefined) prompt += `Hint: ${hint}\n`;
  prompt += `Question: ${question}\n`;
  const letters = Object.keys(options);
  if (letters.length > 0) {
    prompt += "Options:\n";
    for (const letter of letters) prompt += `${letter}. ${options[letter]}\n`;
    prompt += "Please select the correct answer from the options above. \n";
  }
  return prompt;
}
