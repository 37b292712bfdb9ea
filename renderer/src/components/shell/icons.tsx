// Small line icons drawn in SVG (no icon font: the CSP allows fonts from our origin only, and these are few).
const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export const OverviewIcon = () => (
  <svg {...common}>
    <rect x="2" y="2" width="5" height="5" rx="1" />
    <rect x="9" y="2" width="5" height="5" rx="1" />
    <rect x="2" y="9" width="5" height="5" rx="1" />
    <rect x="9" y="9" width="5" height="5" rx="1" />
  </svg>
);

export const WorkloadsIcon = () => (
  <svg {...common}>
    <path d="M8 1.8 14 5v6l-6 3.2L2 11V5z" />
    <path d="M2 5l6 3.2L14 5M8 8.2v6" />
  </svg>
);

export const NodesIcon = () => (
  <svg {...common}>
    <rect x="2" y="2.5" width="12" height="4" rx="1" />
    <rect x="2" y="9.5" width="12" height="4" rx="1" />
    <path d="M4.5 4.5h.01M4.5 11.5h.01" />
  </svg>
);

export const PermissionsIcon = () => (
  <svg {...common}>
    <path d="M8 1.5 13.5 3.5v4c0 3.2-2.3 5.8-5.5 7-3.2-1.2-5.5-3.8-5.5-7v-4z" />
    <path d="m5.8 8 1.6 1.6 3-3.2" />
  </svg>
);

export const ReloadIcon = () => (
  <svg {...common}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
    <path d="M13.5 2.5v3h-3" />
  </svg>
);

export const SunIcon = () => (
  <svg {...common}>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
  </svg>
);

export const MoonIcon = () => (
  <svg {...common}>
    <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z" />
  </svg>
);

export const SwitchIcon = () => (
  <svg {...common}>
    <path d="M2.5 5h10l-2.5-2.5M13.5 11h-10l2.5 2.5" />
  </svg>
);

export const RecommendationsIcon = () => (
  <svg {...common}>
    <path d="M2.5 13.5h11" />
    <path d="M4 11V7.5M8 11V4.5M12 11V8.5" />
    <path d="m10.5 2.5 1.5-1 1.5 1" />
  </svg>
);

export const ReadinessIcon = () => (
  <svg {...common}>
    <rect x="2.5" y="2" width="11" height="12" rx="1.5" />
    <path d="m5 5.5 1 1 2-2M5 10l1 1 2-2M10 5.5h1.5M10 10h1.5" />
  </svg>
);

export const AuditIcon = () => (
  <svg {...common}>
    <path d="M4 1.8h6l2.5 2.5v9.9H4z" />
    <path d="M6 6.5h4.5M6 9h4.5M6 11.5h3" />
  </svg>
);

export const SettingsIcon = () => (
  <svg {...common}>
    <circle cx="8" cy="8" r="2.2" />
    <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
  </svg>
);
