import { CategoryField, LinkField, useJourneyBrand, withOptional } from '../../inspector/message-fields'
import { OfferPicker } from '../../inspector/OfferPicker'
import { ProviderTemplateField } from '../../inspector/ProviderTemplateField'
import { SendWindowEditor } from '../../inspector/SendWindowEditor'
import { SmsEditor } from '../../inspector/SmsEditor'
import { useNodeData } from '../../inspector/useNodeData'

export function SendSmsInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'send_sms'>(nodeId)
  const brand = useJourneyBrand()
  const { data } = node
  return (
    <>
      <SmsEditor text={data.text} category={data.category} brand={brand} onChange={(text) => update({ ...data, text }, 'text')} />
      <CategoryField value={data.category} onChange={(category) => update({ ...data, category })} />
      <LinkField value={data.linkUrl} onChange={(linkUrl) => update(withOptional(data, 'linkUrl', linkUrl), 'linkUrl')} />
      <OfferPicker value={data.offer} onChange={(offer) => update(withOptional(data, 'offer', offer), 'offer')} />
      <ProviderTemplateField value={data.providerTemplate} onChange={(providerTemplate) => update(withOptional(data, 'providerTemplate', providerTemplate), 'providerTemplate')} />
      <SendWindowEditor value={data.sendWindow} onChange={(sendWindow) => update(withOptional(data, 'sendWindow', sendWindow))} />
    </>
  )
}
