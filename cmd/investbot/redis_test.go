package main

import (
	"testing"

	"github.com/redis/go-redis/v9"
)

func redisClient(t *testing.T, addr string, db int) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, DB: db})
	t.Cleanup(func() { c.Close() })
	return c
}
