/** A chat message as the domain renders it (Slack Block Kit shaped; the notifier port delivers it). */

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  channel: string;
  /** Fallback text (notifications, webhook mode); kept within Slack's limits by the renderer. */
  text: string;
  blocks?: SlackBlock[];
}
