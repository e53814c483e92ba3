// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientOnly } from './ClientOnly.tsx';

const Page = () => (
  <main>
    <h1>Matières</h1>
    <ClientOnly>
      <nav>Menu</nav>
    </ClientOnly>
  </main>
);

afterEach(cleanup);

describe('ClientOnly', () => {
  it('draws nothing on the server, and at once in a page the browser draws', () => {
    expect(renderToString(<Page />)).toBe('<main><h1>Matières</h1></main>');
    render(<Page />);
    expect(screen.getByText('Menu')).toBeTruthy();
  });

  it('lets the browser adopt the server’s markup, then draws its children', async () => {
    const container = document.createElement('div');
    container.innerHTML = renderToString(<Page />);
    document.body.append(container);
    const heading = container.querySelector('h1');
    const onRecoverableError = vi.fn();
    await act(async () => {
      hydrateRoot(container, <Page />, { onRecoverableError });
    });
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(container.querySelector('h1')).toBe(heading);
    expect(container.querySelector('nav')?.textContent).toBe('Menu');
    container.remove();
  });
});
