/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // mdx-bundler drives esbuild at build time; keep it out of the server bundle.
  serverExternalPackages: ["esbuild", "mdx-bundler"],
};

export default nextConfig;
