// Playwright's global setup: one Brigade for the whole run. Tests find it through
// BRIGADE_URL (and its database through BRIGADE_DATABASE) and isolate themselves by
// signing up their own restaurants with unique emails.
import { startBrigade } from "./brigade.js";

export default async function globalSetup() {
  const brigade = await startBrigade();
  process.env.BRIGADE_URL = brigade.url;
  process.env.BRIGADE_DATABASE = brigade.databasePath;
  return () => brigade.stop();
}
