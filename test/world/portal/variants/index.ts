/** The markup variants by name. */
import type { PortalVariant } from '../../catalogue';
import { classic } from './classic';
import { compact } from './compact';
import { react } from './react';
import type { VariantRenderer } from './types';

export const VARIANT_RENDERERS: Record<PortalVariant, VariantRenderer> = {
  classic,
  react,
  compact,
};
