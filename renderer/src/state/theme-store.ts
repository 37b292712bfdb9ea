import { create } from 'zustand';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'cluster-insight.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function chosenTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function systemTheme(): Theme {
  return darkQuery().matches ? 'dark' : 'light';
}

interface ThemeStore {
  theme: Theme;
  /** The user picked one: the OS setting no longer applies. */
  chosen: boolean;
  toggle(): void;
}

export const useTheme = create<ThemeStore>((set, get) => ({
  theme: chosenTheme() ?? systemTheme(),
  chosen: chosenTheme() !== null,
  toggle() {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Applies for this session only.
    }
    set({ theme, chosen: true });
  },
}));

/** Mirrors the theme onto <html data-theme> (the CSS variables key off it) and follows the OS until the user picks. */
export function applyThemeToDocument(): () => void {
  const apply = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  };
  apply(useTheme.getState().theme);
  const unsubscribe = useTheme.subscribe((s) => apply(s.theme));
  const query = darkQuery();
  const onSystemChange = () => {
    if (!useTheme.getState().chosen) useTheme.setState({ theme: systemTheme() });
  };
  query.addEventListener('change', onSystemChange);
  return () => {
    unsubscribe();
    query.removeEventListener('change', onSystemChange);
  };
}
