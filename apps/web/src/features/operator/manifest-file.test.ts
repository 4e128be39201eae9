import { manifestFileName, slug } from './manifest-file';

describe('manifest file names', () => {
  it('folds Vietnamese place names to ASCII', () => {
    expect(slug('Hà Nội')).toBe('ha-noi');
    expect(slug('Đà Lạt')).toBe('da-lat');
    expect(slug('  Huế 3f2a1b ')).toBe('hue-3f2a1b');
  });

  it('names the route and the local departure, and says when it is revealed', () => {
    const trip = { origin: 'Hà Nội', destination: 'Sa Pa', departureAt: '2026-12-01T14:30:00Z' };
    expect(manifestFileName(trip, 'csv', 'Asia/Ho_Chi_Minh')).toBe(
      'manifest-ha-noi-sa-pa-2026-12-01-2130.csv',
    );
    expect(manifestFileName(trip, 'pdf', 'Asia/Ho_Chi_Minh', true)).toBe(
      'manifest-ha-noi-sa-pa-2026-12-01-2130-revealed.pdf',
    );
  });
});
