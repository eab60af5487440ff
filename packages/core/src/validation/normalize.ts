/**
 * NFKC folds full-width digits and letters (common from Chinese IMEs) into
 * ASCII; then every kind of whitespace, U+3000 included, goes.
 */
export function foldInput(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '');
}
