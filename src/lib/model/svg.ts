/** The width and height of an SVG's viewBox: a diagram's natural size in CSS pixels. */
export function viewBoxSize(svg: string): { width: number; height: number } {
  const m = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!m) throw new Error('the SVG has no viewBox');
  return { width: Number(m[1]), height: Number(m[2]) };
}
