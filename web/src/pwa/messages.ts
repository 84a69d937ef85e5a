// What the app and its service worker say to each other (pwa/register.ts, pwa/worker.ts).

/** App to a waiting worker: take over now (the person chose to reload). */
export const UPDATE_MESSAGE = 'pillars-update';

/** Worker to the app: a notification was tapped, go to `url` (a path on this origin). */
export const OPEN_MESSAGE = 'pillars-open';
