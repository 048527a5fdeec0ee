// Calls back with the element's content size whenever it changes (tabs hide panels, so sizes go to 0 and back).
export function observeSize(element: Element, onSize: (width: number, height: number) => void): () => void {
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) onSize(Math.floor(box.width), Math.floor(box.height));
  });
  observer.observe(element);
  return () => observer.disconnect();
}
