package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// wantsDownload reports whether the adapter should fetch a message's
// document for the handler: only an admin's document in a private chat (a
// knowledge-base upload). Nobody else's files are ever downloaded.
func wantsDownload(req investbot.Request) bool {
	a := req.Attachment
	return a != nil && a.Kind == investbot.AttachDocument && a.FileID != "" &&
		req.Role == investbot.RoleAdmin && req.Chat == investbot.ChatPrivate
}

// fetchDocument fills req.Attachment.Data, or sets TooLarge without
// downloading when the file is over investbot.MaxUploadBytes. A failure is
// logged and leaves Data nil; the handler then asks to send it again.
func (b *Bot) fetchDocument(ctx context.Context, req *investbot.Request) {
	a := req.Attachment
	if a.Size > investbot.MaxUploadBytes {
		a.TooLarge = true
		return
	}
	data, tooLarge, err := b.download(ctx, a.FileID)
	if err != nil {
		logFrom(ctx, b.log).WarnContext(ctx, "document not downloaded", "err", err)
		return
	}
	a.Data, a.TooLarge = data, tooLarge
}

// download resolves fileID with getFile and reads the file from the Bot
// API server's /file/bot<token>/<path>, never more than MaxUploadBytes+1
// bytes, so a lying file_size cannot make the bot read 50 MB.
func (b *Bot) download(ctx context.Context, fileID string) ([]byte, bool, error) {
	raw, err := b.sender.do(ctx, request{method: "getFile", params: tgbotapi.Params{"file_id": fileID}, kind: kindAction})
	if err != nil {
		return nil, false, fmt.Errorf("bot: getFile: %w", err)
	}
	var f tgbotapi.File
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, false, fmt.Errorf("bot: getFile: decode: %w", err)
	}
	if f.FileSize > investbot.MaxUploadBytes {
		return nil, true, nil
	}
	if f.FilePath == "" || strings.Contains(f.FilePath, "..") {
		return nil, false, errors.New("bot: getFile: no usable file_path")
	}
	u := b.cfg.Endpoint + "/file/bot" + b.cfg.Token + "/" + (&url.URL{Path: f.FilePath}).EscapedPath()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, scrubError(err, b.cfg.Token)
	}
	client := b.cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, false, fmt.Errorf("bot: download: %w", scrubError(err, b.cfg.Token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, false, fmt.Errorf("bot: download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, investbot.MaxUploadBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("bot: download: %w", scrubError(err, b.cfg.Token))
	}
	if len(data) > investbot.MaxUploadBytes {
		return nil, true, nil
	}
	return data, false, nil
}
