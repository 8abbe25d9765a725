// Worker threads start without the parent's module hooks: register tsx here, then load the TypeScript worker
// (the same way bin/vecstage.js runs the CLI; there is no build step).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./scan-worker.ts', import.meta.url).href);
