// Product rules both sides apply: where a product image may come from. Convex's
// `checkProductInput` (the authority) and the staff form's zod schema both call
// `productImageProblem`, so the rule and its message exist once.
//
// An image is either a file in the store's own folder (`/stores/<slug>/<file>`, served
// from public/) or a small inline raster image. Nothing is fetched from another host:
// there is no allow-list of https image hosts today; adding one belongs here.
import { PRODUCT_IMAGE_FILE_MAX, PRODUCT_IMAGE_INLINE_MAX } from "./limits";

/** File types a product image may have in the store's folder. */
export const PRODUCT_IMAGE_EXTENSIONS = ["svg", "png", "jpg", "jpeg", "webp", "gif"] as const;
/** Inline images: raster only. SVG can carry scripts and links, so never inline. */
export const PRODUCT_IMAGE_INLINE_TYPES = ["png", "jpeg", "webp", "gif"] as const;

/** The store's image folder, e.g. `/stores/alpine/`. */
export function storeImageFolder(storeSlug: string): string {
  return `/stores/${storeSlug}/`;
}

const INLINE_KB = Math.floor(PRODUCT_IMAGE_INLINE_MAX / 1000);

/** What the staff form says under the field. */
export function productImageHint(storeSlug: string): string {
  return `A file in ${storeImageFolder(storeSlug)} (${PRODUCT_IMAGE_EXTENSIONS.map((e) => `.${e}`).join(" ")}) or an inline PNG, JPEG, WebP or GIF under ${INLINE_KB} KB; empty uses the store logo.`;
}

/** The message for an image that breaks the rule. */
export function productImageMessage(storeSlug: string): string {
  return `Use an image from ${storeImageFolder(storeSlug)}… or paste an inline PNG, JPEG, WebP or GIF under ${INLINE_KB} KB.`;
}

// One plain file name: letters, digits, `.`, `_`, `-`, starting with a letter or digit, and
// an image extension. So no `/` (no subfolders, no `//`), no `..` segment, no `?` or `#`, no
// `%`, no backslash, no spaces or control characters.
const FILE_NAME = new RegExp(
  `^[A-Za-z0-9][A-Za-z0-9._-]*\\.(${PRODUCT_IMAGE_EXTENSIONS.join("|")})$`,
  "i",
);
const INLINE_IMAGE = new RegExp(
  `^data:image/(${PRODUCT_IMAGE_INLINE_TYPES.join("|")});base64,[A-Za-z0-9+/]+={0,2}$`,
);

function isStoreFile(image: string, storeSlug: string): boolean {
  const folder = storeImageFolder(storeSlug);
  if (storeSlug.length === 0 || !image.startsWith(folder)) return false;
  const file = image.slice(folder.length);
  return file.length <= PRODUCT_IMAGE_FILE_MAX && FILE_NAME.test(file) && !file.includes("..");
}

function isInlineImage(image: string): boolean {
  if (image.length > PRODUCT_IMAGE_INLINE_MAX) return false;
  const base64 = image.slice(image.indexOf(",") + 1);
  return INLINE_IMAGE.test(image) && base64.length % 4 === 0;
}

/** Null when `image` (already trimmed) may be the image of a product of this store, else why not. */
export function productImageProblem(image: string, storeSlug: string): string | null {
  return isStoreFile(image, storeSlug) || isInlineImage(image)
    ? null
    : productImageMessage(storeSlug);
}
