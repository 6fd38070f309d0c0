// The server's custom routes (langgraph.json → "http.app"): GET /images/<id> serves the images
// of interleaf's image store, e.g. those the tools produced (ids in the thread's state).
import { Hono } from "hono";
import { imageRoute } from "interleaf/server";

const images = imageRoute(process.env.INTERLEAF_DB ? { storage: process.env.INTERLEAF_DB } : {});

export const app = new Hono().get("/images/:id", (c) => images(c.req.raw));
