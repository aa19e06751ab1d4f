// Starts the real `brigade` binary on a free port with a fresh data directory (and so
// a fresh SQLite database), serving the built app from frontend/dist.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`brigade exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`brigade did not become healthy at ${url} within ${timeoutMs} ms`);
}

/** Starts Brigade; resolves to { url, databasePath, stop() }. */
export async function startBrigade() {
  const bin = process.env.BRIGADE_BIN;
  if (!bin || !fs.existsSync(bin)) {
    throw new Error(`set BRIGADE_BIN to the built brigade binary (got ${bin || "nothing"})`);
  }
  const appDir = process.env.BRIGADE_APP_DIR || path.join(repo, "frontend/dist");
  if (!fs.existsSync(path.join(appDir, "index.html"))) {
    throw new Error(`the app is not built in ${appDir}: run make frontend`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brigade-browser-"));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.BRIGADE_ENV;
  Object.assign(env, {
    BRIGADE_BIND: `127.0.0.1:${port}`,
    BRIGADE_DATA_DIR: dataDir,
    BRIGADE_APP_DIR: appDir,
    RUST_LOG: process.env.RUST_LOG || "warn",
  });
  const child = spawn(bin, [], { env, stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, child, 30_000);
  return {
    url,
    databasePath: path.join(dataDir, "brigade.sqlite3"),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
