// Inline icons (24×24 strokes, after the common "outline" style), so no icon font or CDN is needed.
import type { JSX } from "preact";

type IconProps = { size?: number; label?: string };

function icon(paths: JSX.Element) {
  return ({ size = 18, label }: IconProps) => (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
      stroke-linecap="round" stroke-linejoin="round" role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : "true"}>
      {paths}
    </svg>
  );
}

export const ChatIcon = icon(<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12Z" />);
export const CloseIcon = icon(<path d="M6 6l12 12M18 6 6 18" />);
export const SendIcon = icon(<><path d="M5 12h13" /><path d="m12 5 7 7-7 7" /></>);
export const BackIcon = icon(<path d="m15 18-6-6 6-6" />);
export const ClockIcon = icon(<><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></>);
export const PinIcon = icon(<><path d="M12 21s-7-6.2-7-11a7 7 0 1 1 14 0c0 4.8-7 11-7 11Z" /><circle cx="12" cy="10" r="2.5" /></>);
export const CloudIcon = icon(<path d="M7 18h10a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.1 11 3.5 3.5 0 0 0 7 18Z" />);
export const UserIcon = icon(<><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></>);
export const UsersIcon = icon(<><circle cx="9" cy="8" r="3.5" /><path d="M2.5 20a6.5 6.5 0 0 1 13 0" /><path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.2A6.5 6.5 0 0 1 21.5 20" /></>);
export const CpuIcon = icon(<><rect x="6" y="6" width="12" height="12" rx="2" /><path d="M9 2v4M15 2v4M9 18v4M15 18v4M2 9h4M2 15h4M18 9h4M18 15h4" /></>);
export const PathIcon = icon(<><circle cx="6" cy="19" r="2" /><circle cx="18" cy="5" r="2" /><path d="M8 19h7a3.5 3.5 0 0 0 0-7H9a3.5 3.5 0 0 1 0-7h7" /></>);
export const HistoryIcon = icon(<><path d="M3 12a9 9 0 1 0 3-6.7L3 8" /><path d="M3 3v5h5" /><path d="M12 7v5l4 2" /></>);
export const NoteIcon = icon(<><path d="M5 4h10l4 4v12H5z" /><path d="M14 4v5h5M8 13h8M8 17h5" /></>);
export const BoltIcon = icon(<path d="M13 2 4 14h7l-1 8 9-12h-7z" />);
export const EyeIcon = icon(<><path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" /><circle cx="12" cy="12" r="3" /></>);
export const InboxIcon = icon(<><path d="M22 12h-6l-2 3h-4l-2-3H2" /><path d="M5.5 5h13L22 12v6a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-6z" /></>);
export const CheckIcon = icon(<path d="m5 12 5 5 9-10" />);
export const CheckCheckIcon = icon(<><path d="m2 12 5 5 9-10" /><path d="m12 16 1 1 9-10" /></>);
export const StarIcon = icon(<path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" />);
export const BellIcon = icon(<><path d="M6 9a6 6 0 0 1 12 0c0 6 2.5 7.5 2.5 7.5h-17S6 15 6 9Z" /><path d="M10 20a2 2 0 0 0 4 0" /></>);
export const LogoutIcon = icon(<><path d="M15 4h4v16h-4" /><path d="M10 17l-5-5 5-5M5 12h11" /></>);
export const GaugeIcon = icon(<><path d="M12 14l4-4" /><path d="M3.5 17a9 9 0 1 1 17 0" /></>);
export const TagIcon = icon(<><path d="M3 12V4h8l10 10-8 8z" /><circle cx="7.5" cy="8.5" r="1.5" /></>);
export const PaperclipIcon = icon(<path d="m20.5 11.5-8.3 8.3a5.2 5.2 0 0 1-7.4-7.4l8.6-8.6a3.5 3.5 0 0 1 4.9 4.9l-8.6 8.6a1.7 1.7 0 0 1-2.5-2.5l8-8" />);
export const FileIcon = icon(<><path d="M6 3h8l5 5v13H6z" /><path d="M14 3v5h5" /></>);
export const DownloadIcon = icon(<><path d="M12 4v11" /><path d="m7 10 5 5 5-5" /><path d="M5 20h14" /></>);
export const WifiOffIcon = icon(<><path d="M2 2l20 20" /><path d="M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 5.2-2.8M19 13a10 10 0 0 0-2-1.4M2 8.8a15 15 0 0 1 4.2-2.6M22 8.8A15 15 0 0 0 11 5" /><circle cx="12" cy="20" r="0.5" /></>);

const handset = "M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2Z";
export const PhoneIcon = icon(<path d={handset} />);
export const HangUpIcon = icon(<path d={handset} transform="rotate(135 12 12)" />);
export const VideoIcon = icon(<><rect x="2.5" y="6" width="13" height="12" rx="2.5" /><path d="m15.5 10.5 6-3.5v10l-6-3.5" /></>);
export const VideoOffIcon = icon(<><rect x="2.5" y="6" width="13" height="12" rx="2.5" /><path d="m15.5 10.5 6-3.5v10l-6-3.5M2 2l20 20" /></>);
export const MicIcon = icon(<><rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" /></>);
export const MicOffIcon = icon(<><rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3M3 3l18 18" /></>);

/** The product's mark: a speech bubble with a spark. */
export function BrandMark({ name = "Engagement", size = 26 }: { name?: string; size?: number }) {
  return (
    <span class="brand-mark">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <defs>
          <linearGradient id="bm" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stop-color="#6366f1" />
            <stop offset="1" stop-color="#8b5cf6" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="9" fill="url(#bm)" />
        <path d="M9 11.5a3.5 3.5 0 0 1 3.5-3.5h7a3.5 3.5 0 0 1 3.5 3.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4 3.5V20a3.5 3.5 0 0 1-2-3.2z" fill="#fff" />
        <circle cx="13.5" cy="14" r="1.3" fill="#6366f1" /><circle cx="18.5" cy="14" r="1.3" fill="#6366f1" />
      </svg>
      <span>{name}</span>
    </span>
  );
}
