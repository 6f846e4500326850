package bot

// ShareGlobalLimit makes this process send at 1/n of the overall limit
// (Limits.Global), because n replicas send for the same bot: Telegram's 30
// messages a second is per bot, not per process. The app keeps n current
// from a Redis heartbeat; n below 1 counts as 1. The replica also holds
// 1/n of the outbox shards, so that the replies are spread over the n.
func (b *Bot) ShareGlobalLimit(n int) {
	b.sender.global.share(n)
	b.deliver.share(n)
}
