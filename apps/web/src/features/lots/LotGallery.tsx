/** A lot's photos: the chosen one large, the others as keyboard-reachable thumbnails. */
import { Group } from '@mantine/core';
import type { LotView } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { materialLabel } from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import classes from './lots.module.css';

export function Gallery({ lot }: { lot: LotView }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const [index, setIndex] = useState(0);
  const photo = lot.photos[index] ?? lot.photos[0];
  if (!photo) {
    return (
      <div className={classes.photoPlaceholder} aria-hidden>
        {materialLabel(lot.materialKey, locale).slice(0, 1)}
      </div>
    );
  }
  return (
    <div className={classes.gallery}>
      <img
        src={photo.url}
        alt={t('lot.photoAlt', { title: lot.title, n: index + 1, total: lot.photos.length })}
        className={classes.mainPhoto}
        width={photo.width}
        height={photo.height}
        data-testid="lot-photo"
      />
      {lot.photos.length > 1 && (
        <Group gap={6} role="group" aria-label={t('lot.photos')}>
          {lot.photos.map((p, i) => (
            <button
              key={p.id}
              type="button"
              className={classes.thumbButton}
              aria-pressed={i === index}
              aria-label={t('lot.showPhoto', { n: i + 1 })}
              onClick={() => setIndex(i)}
            >
              <img src={p.thumbUrl} alt="" />
            </button>
          ))}
        </Group>
      )}
    </div>
  );
}
