import type { JSX } from 'solid-js';
import { Link } from '../components/link';
import { PageTitle } from '../components/page-title';

export default function NotFound(): JSX.Element {
  return (
    <section class="panel">
      <PageTitle>Not found</PageTitle>
      <h1>Nothing here</h1>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </section>
  );
}
