import type { MessageTemplate } from '../../../domain/messages'

// Which template of the mini-program's account serves each of ours, and under
// which field keys: configuration of each function that sends or offers them,
// SUBSCRIBE_TEMPLATES='{"articleAlert":{"id":"<template id>","keys":{"title":"thing1",...}},...}'.

export interface TemplateConfig {
  id: string
  /** Our field name -> the template's key (thing1, time2, ...). */
  keys: Record<string, string>
}

/** SUBSCRIBE_TEMPLATES, read once; a template missing from it cannot be sent. */
export function templateConfig(raw = process.env.SUBSCRIBE_TEMPLATES ?? ''): Partial<Record<MessageTemplate, TemplateConfig>> {
  if (!raw.trim()) return {}
  try {
    return JSON.parse(raw) as Partial<Record<MessageTemplate, TemplateConfig>>
  } catch {
    console.error('[notify] SUBSCRIBE_TEMPLATES is not valid JSON: no message can be sent')
    return {}
  }
}

/** The template ids to ask users for, of the templates the deployment configured. */
export function configuredTemplateIds(config = templateConfig()): Partial<Record<MessageTemplate, string>> {
  return Object.fromEntries(Object.entries(config).flatMap(([key, template]) => (template?.id ? [[key, template.id]] : [])))
}
