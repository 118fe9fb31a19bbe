// Mounting the app shell in a test with only the views under test real (the others do
// nothing), and stopping every app mounted when the test ends.

import { clearMocks } from "@tauri-apps/api/mocks";
import { App, type View, type ViewName } from "../app";

const mounted: App[] = [];

/** An App in a fresh root element; `make` gives the real views, the rest are stubs. */
export function mountApp(make: (app: App) => Partial<Record<ViewName, View>>): { app: App; root: HTMLElement } {
  const root = document.createElement("div");
  document.body.append(root);
  const app = new App(root, (a) => {
    const stub = { mount() {} };
    return { library: stub, reader: stub, measures: stub, timeline: stub, export: stub, ...make(a) };
  });
  mounted.push(app);
  return { app, root };
}

/** For afterEach: stop the apps, clear the IPC mocks and the document. */
export function unmountApps(): void {
  for (const app of mounted.splice(0)) app.stop();
  clearMocks();
  document.body.replaceChildren();
}
