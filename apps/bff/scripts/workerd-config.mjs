// A workerd configuration (Cap'n Proto text) for the BFF's Worker as a deployment binds it: the
// configuration from the environment, the Durable Object store on local disk, the static assets
// as a disk service behind the ASSETS binding. The workerd tests and the cold-start bench use it.

/**
 * @param {{ port: number, storeDir: string, assetsDir?: string, module?: string, bare?: boolean }} options
 *   `bare`: a Worker with no bindings at all (the bench's bare Hono app).
 */
export function workerdConfig({ port, storeDir, assetsDir, module = 'worker.js', bare = false }) {
  const services = bare
    ? ''
    : `    (name = "store-disk", disk = (path = "${storeDir}", writable = true)),
${assetsDir ? `    # The Worker's static assets (Workers serves them through the ASSETS binding).\n    (name = "assets", disk = (path = "${assetsDir}", writable = false)),\n` : ''}    # Provider and webhook calls go to loopback in the tests.
    (name = "internet", network = (allow = ["public", "private", "local"])),
`;
  const bindings = bare
    ? ''
    : `  bindings = [
    (name = "CARDBIND_CONFIG_JSON", fromEnvironment = "CARDBIND_CONFIG_JSON"),
    (name = "CARDBIND_STORE", durableObjectNamespace = "CardbindStore"),
${assetsDir ? '    (name = "ASSETS", service = "assets"),\n' : ''}  ],
  durableObjectNamespaces = [(className = "CardbindStore", uniqueKey = "cardbind-store", enableSql = true)],
  durableObjectStorage = (localDisk = "store-disk"),
  globalOutbound = "internet",
`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .bff),
${services}  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const bff :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "${module}")],
  compatibilityDate = "2026-01-01",
${bindings});
`;
}
