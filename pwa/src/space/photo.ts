import { MAX_CT, MAX_PHOTO_PARTS } from '../../../shared/space/api.js';
import { aadOf, sealBytes, type Sealed } from '../../../shared/space/crypto.js';

/**
 * A photo for her journal: decoded, downscaled and drawn on a canvas, then encoded afresh as JPEG. Only
 * pixels cross the canvas, so EXIF — the camera, the time and the GPS position — never leaves the
 * phone. It is then sealed with her key and cut into parts the API takes (at most 64 KB a request).
 */
const MAX_SIDE = [1600, 1200, 900, 640];
const budget = Math.floor((MAX_CT * MAX_PHOTO_PARTS * 3) / 4) - 1024;

async function reencode(file: Blob, maxSide: number, quality: number): Promise<Uint8Array<ArrayBuffer>> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('The photo could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The clean JPEG, small enough for its parts. */
export async function cleanPhoto(file: Blob): Promise<Uint8Array<ArrayBuffer>> {
  for (const side of MAX_SIDE) {
    const jpeg = await reencode(file, side, 0.8);
    if (jpeg.length <= budget) return jpeg;
  }
  return reencode(file, 480, 0.6);
}

export interface PhotoUpload {
  id: string;
  parts: { id: string; part: number; parts: number; iv: string; ct: string }[];
}

export async function sealPhoto(key: CryptoKey, jpeg: Uint8Array<ArrayBuffer>): Promise<PhotoUpload> {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const sealed: Sealed = await sealBytes(key, jpeg, aadOf.photo(id));
  const count = Math.ceil(sealed.ct.length / MAX_CT);
  return {
    id,
    parts: Array.from({ length: count }, (_, part) => ({ id, part, parts: count, iv: sealed.iv, ct: sealed.ct.slice(part * MAX_CT, (part + 1) * MAX_CT) })),
  };
}
