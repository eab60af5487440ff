/** Sandbox identities the browser tests type (see the README's table of test identities). */

/** Verifies on every provider: 3 and 4 elements, bind. */
export const zhang = {
  name: '张三',
  idNumber: '11010519491231002X',
  card: '6222020000000001008',
  phone: '13800138000',
};

/** A name and foreign permanent residence ID the sandbox knows, with the card it verifies. */
export const maria = { name: 'MARIA GARCIA', idNumber: '911840199001010026', card: '6222020000000005009' };

/** The digits (and X) of `v` as full-width characters, as some Chinese input methods type them. */
export const fullWidth = (v: string) => v.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
