import type { GlobalThemeOverrides } from 'naive-ui';

/** Brand colours. #5b4bdb on white is 6:1, and white on it likewise: text stays readable. */
export const BRAND = {
  primary: '#5b4bdb',
  primaryHover: '#6d5fe3',
  primaryPressed: '#4a3bc2',
  ink: '#1f2233',
  muted: '#5c6070',
  surface: '#ffffff',
  canvas: '#f5f4fb',
  border: '#e2e0ee',
} as const;

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: BRAND.primary,
    primaryColorHover: BRAND.primaryHover,
    primaryColorPressed: BRAND.primaryPressed,
    primaryColorSuppl: BRAND.primaryHover,
    fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    textColorBase: BRAND.ink,
    textColor1: BRAND.ink,
    textColor2: '#333647',
    // naive's default secondary grey is below 4.5:1 on white; this one is 6:1.
    textColor3: BRAND.muted,
    placeholderColor: '#6e7282',
    borderRadius: '8px',
    borderColor: BRAND.border,
    dividerColor: BRAND.border,
    bodyColor: BRAND.canvas,
  },
  Card: {
    borderRadius: '12px',
    titleFontWeight: '600',
  },
  Button: {
    fontWeight: '500',
  },
  // naive's coloured tags put the pure status colour on its own pale tint (about 3:1);
  // darker text of the same hue reads at 4.5:1 or better on that tint.
  Tag: {
    textColorSuccess: '#11713f',
    textColorWarning: '#8a5300',
    textColorError: '#b3261e',
    textColorInfo: '#1f5fa8',
    textColorPrimary: BRAND.primaryPressed,
  },
};
