"""The OpenAPI 3 description of the practice API, built from the same schemas it uses."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from vaktaal.practice.schemas import AnswerBatch
from vaktaal.practice.service import Progress


def _error() -> dict[str, Any]:
    return {
        "description": "The request was refused; nothing was changed.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def openapi_document() -> dict[str, Any]:
    batch_schema = AnswerBatch.model_json_schema(ref_template="#/components/schemas/{model}")
    components = batch_schema.pop("$defs", {})
    components["AnswerBatch"] = batch_schema
    components["Problem"] = {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {"type": "object"}},
        },
    }
    components["Exercise"] = {
        "type": "object",
        "required": ["card_id", "kind", "item_id", "skill", "prompt", "options", "answer"],
        "properties": {
            "card_id": {"type": "integer"},
            "kind": {"type": "string"},
            "item_id": {"type": "integer"},
            "skill": {"type": "string", "enum": ["recognise", "produce", "dialogue"]},
            "prompt": {"type": "object"},
            "options": {"type": "array", "items": {"type": "object"}},
            "answer": {},
        },
    }
    unauthorised = {"description": "No learner is signed in on this device."}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Vaktaal practice API",
            "version": "1",
            "description": "Batches of exercises for a learner's phone, and the answers it "
            "sends back. Every answer carries a UUID made on the phone: it is applied exactly "
            "once, in answer-time order, however often and in whatever order it arrives.",
        },
        "paths": {
            "/api/v1/next": {
                "get": {
                    "summary": "The next session's exercises",
                    "parameters": [
                        {
                            "name": "size",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 30},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Exercises, with picture and audio URLs",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "items": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Exercise"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "401": unauthorised,
                        "422": _error(),
                    },
                }
            },
            "/api/v1/answers": {
                "post": {
                    "summary": "Record a batch of answers (idempotent per answer UUID)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/AnswerBatch"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Which answers were new and which were already known",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "accepted": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                            },
                                            "duplicates": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": _error(),
                        "401": unauthorised,
                        "422": _error(),
                    },
                }
            },
            "/api/v1/progress": {
                "get": {
                    "summary": "The learner's progress",
                    "responses": {
                        "200": {
                            "description": "Counts",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            f.name: {"type": "integer"} for f in fields(Progress)
                                        },
                                    }
                                }
                            },
                        },
                        "401": unauthorised,
                    },
                }
            },
        },
        "components": {"schemas": components},
    }
