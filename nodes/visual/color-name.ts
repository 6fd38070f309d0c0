/** A plain-English name for an sRGB color (hue, lightness and saturation rules). */
export function colorName(r: number, g: number, b: number): string {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2 / 255;
  const chroma = (max - min) / 255;
  if (chroma < 0.1) return lightness < 0.15 ? "black" : lightness > 0.88 ? "white" : lightness < 0.45 ? "dark gray" : "gray";
  let hue: number;
  if (max === r) hue = ((g - b) / (max - min)) * 60;
  else if (max === g) hue = ((b - r) / (max - min)) * 60 + 120;
  else hue = ((r - g) / (max - min)) * 60 + 240;
  if (hue < 0) hue += 360;
  const dark = lightness < 0.3;
  let name: string;
  if (hue < 15 || hue >= 345) name = "red";
  else if (hue < 40) name = dark || lightness < 0.45 ? "brown" : "orange";
  else if (hue < 70) name = dark ? "olive" : "yellow";
  else if (hue < 160) name = "green";
  else if (hue < 200) name = "cyan";
  else if (hue < 255) name = "blue";
  else if (hue < 290) name = "purple";
  else name = lightness > 0.6 ? "pink" : "magenta";
  if (name === "red" && lightness > 0.7) name = "pink";
  return dark && name !== "brown" && name !== "olive" ? `dark ${name}` : name;
}
