import { render } from 'preact';

render(<main>Tenant Lens</main>, document.getElementById('app')!);
