// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, Link, Outlet, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lazyPage, preloadPage } from './LazyPage.tsx';

beforeAll(() => {
  // Mantine reads the colour scheme through matchMedia, which jsdom does not implement.
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList;
});
afterEach(cleanup);

const page = (name: string) => () => (
  <div>
    <h1>{name}</h1>
    <Link to="/b">to b</Link>
    <Link to="/a">to a</Link>
  </div>
);

function app() {
  const a = lazyPage(async () => page('Page A'));
  const b = lazyPage(async () => page('Page B'));
  const router = createMemoryRouter(
    [
      {
        element: <Outlet />,
        children: [
          { path: '/a', element: a },
          { path: '/b', element: b },
        ],
      },
    ],
    { initialEntries: ['/a'] },
  );
  return { a, b, router };
}

describe('lazyPage', () => {
  it('draws a preloaded page at once, without a loading frame', async () => {
    const { a, router } = app();
    await preloadPage(a);
    render(
      <MantineProvider>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Page A');
  });

  it('goes from one loaded page to another and back, each showing its own page', async () => {
    const { a, b, router } = app();
    await Promise.all([preloadPage(a), preloadPage(b)]);
    render(
      <MantineProvider>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
    await act(() => router.navigate('/b'));
    expect(screen.getByRole('heading').textContent).toBe('Page B');
    await act(() => router.navigate('/a'));
    expect(screen.getByRole('heading').textContent).toBe('Page A');
  });

  it('loads a page not fetched yet on first visit', async () => {
    const { router } = app();
    render(
      <MantineProvider>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
    expect(await screen.findByRole('heading')).toHaveProperty('textContent', 'Page A');
    await act(() => router.navigate('/b'));
    expect(await screen.findByText('Page B')).toBeTruthy();
  });
});
