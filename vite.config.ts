import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: Object.fromEntries(
      ["/trpc", "/healthz", "/files", "/exports"].map((path) => [path, "http://127.0.0.1:3000"]),
    ),
  },
});
