/** Where a link can be shared when the browser has no share sheet (Web Share API). */
export interface ShareTarget {
  key: 'telegram' | 'whatsapp' | 'vk' | 'email';
  label: string;
  href: string;
}

export function shareTargets(link: string, text: string, subject: string, emailLabel: string): ShareTarget[] {
  const url = encodeURIComponent(link);
  return [
    { key: 'telegram', label: 'Telegram', href: `https://t.me/share/url?url=${url}&text=${encodeURIComponent(text.replace(link, '').trim())}` },
    { key: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(text)}` },
    { key: 'vk', label: 'VK', href: `https://vk.com/share.php?url=${url}` },
    { key: 'email', label: emailLabel, href: `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}` },
  ];
}

/** The server sends a relative link when PUBLIC_URL is not set: a friend needs the whole address. */
export function absoluteLink(link: string, origin: string): string {
  try {
    return new URL(link, origin).href;
  } catch {
    return link;
  }
}
