export default function HomePage() {
  return (
    <main>
      <h1>Faultline</h1>
    </main>
  );
}
