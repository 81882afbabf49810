// vitest setupFiles entry: every test file's properties use the seed the global setup fixed (src/testing/properties.ts).
import { configureProperties } from './properties.ts';

configureProperties();
