// Reads a zip's central directory (names, sizes) and inflates entries, so the package test needs no unzip binary.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One file in a zip archive. */
export interface ZipEntry {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
  /** The entry's content (stored or deflated entries; other methods throw). */
  content(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB. */
const findEndOfCentralDirectory = (zip: Buffer): number => {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip archive: no end-of-central-directory record');
};

const entryContent = (zip: Buffer, localHeaderAt: number, method: number, compressedBytes: number): Buffer => {
  if (zip.readUInt32LE(localHeaderAt) !== LOCAL_FILE_HEADER) throw new Error(`no local header at ${localHeaderAt}`);
  const dataAt = localHeaderAt + 30 + zip.readUInt16LE(localHeaderAt + 26) + zip.readUInt16LE(localHeaderAt + 28);
  const data = zip.subarray(dataAt, dataAt + compressedBytes);
  if (method === STORED) return Buffer.from(data);
  if (method === DEFLATED) return inflateRawSync(data);
  throw new Error(`unsupported zip compression method ${method}`);
};

/** Entries of the zip at `path`, in central-directory order (zip64 archives are not supported). */
export const readZipEntries = (path: string): ZipEntry[] => {
  const zip = readFileSync(path);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error(`corrupt central directory at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedBytes = zip.readUInt32LE(at + 20);
    const uncompressedBytes = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeaderAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      compressedBytes,
      uncompressedBytes,
      content: () => entryContent(zip, localHeaderAt, method, compressedBytes),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};
