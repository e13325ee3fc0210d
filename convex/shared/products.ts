// Product rules both sides apply: where a product image may come from.

export const PRODUCT_IMAGE_HINT = "Use an image path under /stores/… or an inline image";

/** Images are never fetched from the internet: a path on this site or an inline image. */
export function isProductImage(image: string): boolean {
  return (image.startsWith("/") && !image.startsWith("//")) || image.startsWith("data:image/");
}
