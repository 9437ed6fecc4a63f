// pdf.js, loaded only where a PDF is previewed (a dynamic import: it is not part of the first page's bundle), with
// its worker bundled beside it (no CDN: bureau intranets).

/** An opened PDF, as the preview uses it. */
export interface PdfDocument {
  numPages: number;
  /** Draws page `number` (from 1) into `canvas`, `width` CSS pixels wide. */
  render(number: number, canvas: HTMLCanvasElement, width: number): Promise<void>;
  destroy(): Promise<void>;
}

/** Opens the PDF at `url` with pdf.js (fetched by the browser; the presigned download URL serves it). */
export async function openPdf(url: string): Promise<PdfDocument> {
  const [pdfjs, worker] = await Promise.all([
    import("pdfjs-dist"),
    import("pdfjs-dist/build/pdf.worker.min.mjs?url"),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const task = pdfjs.getDocument({ url });
  const pdf = await task.promise;
  return {
    numPages: pdf.numPages,
    async render(number, canvas, width) {
      const page = await pdf.getPage(number);
      const ratio = globalThis.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / page.getViewport({ scale: 1 }).width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
    },
    destroy: () => task.destroy(),
  };
}
