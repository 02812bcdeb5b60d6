/** A meeting document (agenda, outcome report) as a workflow records it. */
export interface RenderedDocument {
  markdown: string;
  html: string;
}
