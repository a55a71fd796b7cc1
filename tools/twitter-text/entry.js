// What the teaser page uses of X's twitter-text 3.1.0: the counter (parseTweet, with its
// default configuration v3) and the extractors that say which links and hashtags X sees.
import parseTweet from "twitter-text/dist/esm/parseTweet";
import extractUrls from "twitter-text/dist/esm/extractUrls";
import extractHashtags from "twitter-text/dist/esm/extractHashtags";

globalThis.twttrText = { parseTweet, extractUrls, extractHashtags };
