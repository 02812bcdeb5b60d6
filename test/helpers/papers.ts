/**
 * Background papers for the upload tests, made here byte by byte: a small PDF, a DOCX and an ODT
 * (zip containers written with Node's own crc32 and deflate), and the things that must be
 * refused: an executable, a zip that is no document, a file past the limit.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  content: string | Buffer;
  /** ODT's `mimetype` must be stored, not deflated. */
  stored?: boolean;
}

/** A zip archive of `entries`, in order. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8');
    const data = e.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(e.name, 'utf8');
    const method = e.stored ? 0 : 8;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-page PDF saying `text`. */
export function pdfSaying(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n` +
      `2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n` +
      `% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

export function docxSaying(text: string): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: 'word/document.xml',
      content: `<w:document><w:body><w:p><w:t>${text}</w:t></w:p></w:body></w:document>`,
    },
  ]);
}

export function odtSaying(text: string): Buffer {
  return zipOf([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', stored: true },
    {
      name: 'content.xml',
      content: `<office:document-content><text:p>${text}</text:p></office:document-content>`,
    },
  ]);
}

/** The start of a Windows executable (and of a Linux one): what a renamed `.pdf` may really be. */
export function executable(): Buffer {
  const pe = Buffer.alloc(512);
  pe.write('MZ', 0, 'latin1');
  pe.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return pe;
}

/** A zip that holds no document (a spreadsheet's parts would do the same). */
export function plainZip(): Buffer {
  return zipOf([{ name: 'readme.txt', content: 'not a document' }]);
}

/** A valid PDF just past the 20 MB limit. */
export function oversizePdf(): Buffer {
  const head = pdfSaying('large');
  return Buffer.concat([head, Buffer.alloc(20 * 1024 * 1024 + 1 - head.length + 1, 0x20)]);
}
