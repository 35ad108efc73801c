import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: { proxy: { "/trpc": "http://localhost:3000", "/healthz": "http://localhost:3000" } },
});
