/** A workerd configuration for the BFF's Worker (see workerd-config.mjs). */
export declare function workerdConfig(options: {
  port: number;
  storeDir: string;
  assetsDir?: string;
  module?: string;
  bare?: boolean;
}): string;
