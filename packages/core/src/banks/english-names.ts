/**
 * English names for the banks that issue most cards. The `bankcard` data
 * package has Chinese names only; banks not listed here show their code in
 * English interfaces.
 */
export const BANK_NAMES_EN: Readonly<Record<string, string>> = {
  ICBC: 'Industrial and Commercial Bank of China',
  CCB: 'China Construction Bank',
  ABC: 'Agricultural Bank of China',
  BOC: 'Bank of China',
  COMM: 'Bank of Communications',
  PSBC: 'Postal Savings Bank of China',
  CMB: 'China Merchants Bank',
  SPDB: 'Shanghai Pudong Development Bank',
  CITIC: 'China CITIC Bank',
  CEB: 'China Everbright Bank',
  CMBC: 'China Minsheng Bank',
  GDB: 'China Guangfa Bank',
  SPABANK: 'Ping An Bank',
  CIB: 'Industrial Bank',
  HXBANK: 'Hua Xia Bank',
  SHBANK: 'Bank of Shanghai',
  BJBANK: 'Bank of Beijing',
  JSBANK: 'Bank of Jiangsu',
  NBBANK: 'Bank of Ningbo',
  HSBC: 'HSBC Bank (China)',
  HKBEA: 'The Bank of East Asia',
  BOHAIB: 'China Bohai Bank',
  CZBANK: 'China Zheshang Bank',
  EGBANK: 'Evergrowing Bank',
};
