package redisstore

import (
	"testing"
	"time"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		url                string
		addrs              []string
		db                 int
		master, user, pass string
		cluster, tls       bool
		dialTimeout        time.Duration
		wantErr            bool
	}{
		{url: "redis://127.0.0.1:6379", addrs: []string{"127.0.0.1:6379"}},
		{url: "redis://:secret@cache:6380/3?dial_timeout=2s", addrs: []string{"cache:6380"}, db: 3, pass: "secret", dialTimeout: 2 * time.Second},
		{url: "rediss://bot:p%40ss@redis.example.com", addrs: []string{"redis.example.com:6379"}, user: "bot", pass: "p@ss", tls: true},
		{url: "redis+sentinel://:pw@s1:26379,s2,s3:26380/mymaster/2", addrs: []string{"s1:26379", "s2:26379", "s3:26380"}, master: "mymaster", db: 2, pass: "pw"},
		{url: "redis://s1:26379,s2:26379?master_name=m&read_timeout=1", addrs: []string{"s1:26379", "s2:26379"}, master: "m"},
		{url: "redis+cluster://n1:7000,n2:7001?dial_timeout=300ms", addrs: []string{"n1:7000", "n2:7001"}, cluster: true, dialTimeout: 300 * time.Millisecond},
		{url: "redis+cluster://n1:7000", addrs: []string{"n1:7000"}, cluster: true},
		{url: "rediss://n1:7000,n2:7001", addrs: []string{"n1:7000", "n2:7001"}, cluster: true, tls: true},
		{url: "redis+sentinel://s1:26379", wantErr: true},         // no master
		{url: "redis+cluster://n1:7000/2", wantErr: true},         // cluster has DB 0 only
		{url: "redis://n1:7000,n2:7001?tiemout=1", wantErr: true}, // typo
		{url: "redis+ring://a:1", wantErr: true},                  // unknown kind
		{url: "127.0.0.1:6379", wantErr: true},                    // no scheme
		{url: "http://127.0.0.1:6379", wantErr: true},             // wrong scheme
		{url: "redis://h:1,,h2:2", wantErr: true},                 // empty host
		{url: "redis://127.0.0.1:6379/x", wantErr: true},          // bad db
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			o, err := ParseURL(tc.url)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseURL succeeded: %+v", o)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Addrs) != len(tc.addrs) {
				t.Fatalf("Addrs = %q, want %q", o.Addrs, tc.addrs)
			}
			for i := range tc.addrs {
				if o.Addrs[i] != tc.addrs[i] {
					t.Errorf("Addrs = %q, want %q", o.Addrs, tc.addrs)
				}
			}
			if o.DB != tc.db || o.MasterName != tc.master || o.Username != tc.user || o.Password != tc.pass ||
				o.IsClusterMode != tc.cluster || (o.TLSConfig != nil) != tc.tls || o.DialTimeout != tc.dialTimeout {
				t.Errorf("got DB=%d master=%q user=%q pass=%q cluster=%v tls=%v dial=%v", o.DB, o.MasterName, o.Username,
					o.Password, o.IsClusterMode, o.TLSConfig != nil, o.DialTimeout)
			}
		})
	}
}
