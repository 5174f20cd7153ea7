// fontkit (pdfkit's font engine) ships no types: only what hwaas uses of it.
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
