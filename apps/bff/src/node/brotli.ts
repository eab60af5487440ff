import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import type { Encoders } from '../http/compression.js';

const compress = promisify(brotliCompress);

/**
 * Brotli for the BFF's own files, at its best quality: each is encoded once per process, and
 * brotli takes a tenth off gzip's size for the frame's script (Node 20's CompressionStream has no
 * brotli).
 */
export const nodeEncoders: Encoders = {
  br: async (data) =>
    new Uint8Array(
      await compress(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
        },
      }),
    ),
};
