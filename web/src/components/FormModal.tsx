// The dialog around a form: 取消 closes it, its OK button submits the form, spins while the action runs,
// and the action's failure shows above the form.
import { Alert, Modal, type FormInstance, type ModalProps } from 'antd';
import type { ReactNode } from 'react';

/** A failure shown next to the form it belongs to (announced to assistive technology). */
export function InlineError({ error, gap = 12 }: { error: string | null; gap?: number }) {
  return error ? <Alert type="error" showIcon message={error} style={{ marginBottom: gap }} role="alert" /> : null;
}

/** An open modal that submits `form`; `onCancel` is 取消. `before` stands above the error (what the form is about). */
export function FormModal({
  form,
  busy,
  error,
  before,
  children,
  ...modal
}: {
  form: FormInstance;
  busy: boolean;
  error: string | null;
  before?: ReactNode;
  children: ReactNode;
} & Pick<ModalProps, 'title' | 'okText' | 'onCancel' | 'okButtonProps' | 'destroyOnClose'>) {
  return (
    <Modal open cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} {...modal}>
      {before}
      <InlineError error={error} />
      {children}
    </Modal>
  );
}
