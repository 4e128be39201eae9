import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { emptyPassenger } from './passenger-rules';
import { TravellersForm } from './TravellersForm';

const seats = [
  { seatNumber: 'A1', description: 'limousine', accessible: true },
  { seatNumber: 'A2', description: 'limousine', accessible: false },
];

function renderForm(props: Partial<Parameters<typeof TravellersForm>[0]> = {}) {
  const onSubmit = vi.fn();
  renderWithProviders(
    <TravellersForm
      seats={seats}
      defaultValues={{
        passengers: [
          { ...emptyPassenger('A1'), fullName: 'Nguyễn Văn An', email: 'an@example.com' },
          emptyPassenger('A2'),
        ],
        contact: { email: 'an@example.com', phone: '' },
      }}
      withContact
      countryCode="84"
      submitLabel="Review booking"
      onSubmit={onSubmit}
      {...props}
    />,
  );
  return { onSubmit, user: userEvent.setup() };
}

const passenger = (n: number) => screen.getByRole('group', { name: new RegExp(`^Passenger ${n}`) });

describe('the passengers form', () => {
  it('has one fieldset per seat with the labelled fields, and the contact', () => {
    renderForm();
    for (const n of [1, 2]) {
      const group = passenger(n);
      for (const label of [
        'Full name',
        'ID type',
        'ID number',
        'Phone',
        'Email',
        'Passenger type',
        'Needs an accessible seat',
      ]) {
        expect(within(group).getByLabelText(label)).toBeInTheDocument();
      }
    }
    expect(within(passenger(1)).getByLabelText('Full name')).toHaveValue('Nguyễn Văn An');
    const contact = screen.getByRole('group', { name: 'Booking contact' });
    expect(within(contact).getByLabelText('Email')).toHaveValue('an@example.com');
  });

  it('shows each broken rule at its field, and sends nothing', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(within(passenger(1)).getByLabelText('ID number'), '1234');
    await user.type(within(passenger(1)).getByLabelText('Phone'), '12');
    await user.click(within(passenger(2)).getByLabelText('Needs an accessible seat'));
    await user.click(screen.getByRole('button', { name: 'Review booking' }));

    expect(within(passenger(1)).getByLabelText('ID number')).toHaveAccessibleDescription(
      'A citizen ID has 12 digits.',
    );
    expect(within(passenger(1)).getByLabelText('ID number')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(within(passenger(1)).getByLabelText('Phone')).toHaveAccessibleDescription(
      'Enter a valid phone number.',
    );
    expect(within(passenger(2)).getByLabelText('Full name')).toHaveAccessibleDescription(
      'Enter the full name.',
    );
    expect(
      within(passenger(2)).getByLabelText('Needs an accessible seat'),
    ).toHaveAccessibleDescription(/Seat A2 is not accessible/);
    expect(
      within(screen.getByRole('group', { name: 'Booking contact' })).getByLabelText('Phone'),
    ).toHaveAccessibleDescription('Enter a phone number.');
    // the first field in error has the focus
    expect(within(passenger(1)).getByLabelText('ID number')).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('checks passports by their own rule', async () => {
    const { user } = renderForm();
    await user.selectOptions(within(passenger(1)).getByLabelText('ID type'), 'passport');
    await user.type(within(passenger(1)).getByLabelText('ID number'), '079123456789');
    await user.click(screen.getByRole('button', { name: 'Review booking' }));
    expect(within(passenger(1)).getByLabelText('ID number')).toHaveAccessibleDescription(
      'A passport number has 6 to 9 letters or digits.',
    );
  });

  it('submits what was typed when every rule holds', async () => {
    const { onSubmit, user } = renderForm();
    const first = passenger(1);
    await user.type(within(first).getByLabelText('ID number'), '079123456789');
    await user.type(within(first).getByLabelText('Phone'), '0912345678');
    await user.click(within(first).getByLabelText('Needs an accessible seat'));
    const second = passenger(2);
    await user.type(within(second).getByLabelText('Full name'), 'Trần Thị Bình');
    await user.selectOptions(within(second).getByLabelText('ID type'), 'passport');
    await user.type(within(second).getByLabelText('ID number'), 'C1234567');
    await user.type(within(second).getByLabelText('Phone'), '+84 912 345 679');
    await user.selectOptions(within(second).getByLabelText('Passenger type'), 'child');
    await user.type(
      within(screen.getByRole('group', { name: 'Booking contact' })).getByLabelText('Phone'),
      '0912345678',
    );
    await user.click(screen.getByRole('button', { name: 'Review booking' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toEqual({
      passengers: [
        expect.objectContaining({
          seatNumber: 'A1',
          idNumber: '079123456789',
          needsAccessibleSeat: true,
        }),
        expect.objectContaining({
          seatNumber: 'A2',
          fullName: 'Trần Thị Bình',
          idType: 'passport',
          passengerType: 'child',
        }),
      ],
      contact: { email: 'an@example.com', phone: '0912345678' },
    });
  });

  it('shows the API’s field errors (problem+json errors[]) at their fields', () => {
    renderForm({
      serverErrors: [
        { field: 'passengers[1].phone', rule: 'e164', message: 'not a valid phone number' },
        {
          field: 'passengers[0].seatNumber',
          rule: 'accessible',
          message: 'A1 is not an accessible seat',
        },
        { field: 'seatNumbers[0]', rule: 'exists', message: 'Z9 is not a seat of this bus' },
      ],
    });
    expect(within(passenger(2)).getByLabelText('Phone')).toHaveAccessibleDescription(
      'Enter a valid phone number.',
    );
    expect(
      within(passenger(1)).getByLabelText('Needs an accessible seat'),
    ).toHaveAccessibleDescription(/not accessible/);
    expect(screen.getByRole('alert')).toHaveTextContent('Z9 is not a seat of this bus');
  });
});
